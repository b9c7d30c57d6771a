#!/usr/bin/env python3
"""NumPy peer of rnnlab's EsnBenchmark (issue 11): the same model, sizes and protocol.

An echo-state network of UNITS units (reservoirpy's defaults with spectral radius 1.25 and leak
rate 0.3: recurrent weights N(0,1) at 10% density, input weights +-1 at 10% connectivity, no
bias) reads 4000 steps of Mackey-Glass (tau 17, RK4 with step 0.1, one sample per time unit,
x0 = 1.2: rnnlab's MackeyGlassSeries.standard()); the one-step-ahead ridge readout (bias column,
unpenalised) is fitted on rows [100, 3200) for lambda in 1e-10 .. 1e-1, lambda is chosen on rows
[3200, 4000) and the readout refitted on both. Drawing the reservoir (its spectral radius) is
setup and not timed, as in the JMH benchmark. Timed: collecting the states plus the selection.

Variants: "dense" (W a NumPy array, W @ x per step: what a NumPy user writes) and "sparse"
(W a SciPy CSR matrix, reservoirpy's representation), if SciPy is installed. One thread: the
BLAS thread variables are set before NumPy is imported.

Usage: OPENBLAS_NUM_THREADS=1 python3 bench/esn_numpy.py [--repeats N] [--units N]
(numpy is on the machine; it is not a dependency of the project.)
"""
import argparse
import os
import time
import warnings

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402

try:
    import scipy.sparse  # noqa: E402
    import scipy.linalg  # noqa: E402
    # small lambdas make the Gram matrix ill-conditioned (rcond ~1e-18); the solve still runs
    warnings.filterwarnings("ignore", category=scipy.linalg.LinAlgWarning)
except ImportError:  # pragma: no cover
    scipy = None

STEPS, WASHOUT, TRAIN_END = 4000, 100, 3200
LAMBDAS = [10.0 ** e for e in range(-10, 0)]


def mackey_glass(length, tau=17.0, a=0.2, b=0.1, n=10, dt=0.1, x0=1.2):
    """RK4 with cubic Hermite delayed half-steps, as rnnlab's MackeyGlassSeries."""
    m, per = int(round(tau / dt)), int(round(1.0 / dt))
    steps = (length - 1) * per
    x = np.empty(steps + 1)
    f = np.empty(steps + 1)
    rate = lambda xs, xd: a * xd / (1.0 + xd ** n) - b * xs  # noqa: E731
    x[0], f[0] = x0, rate(x0, x0)
    for i in range(steps):
        j = i - m
        d0 = x0 if j < 0 else x[j]
        d1 = x0 if j + 1 < 0 else x[j + 1]
        dh = x0 if j < 0 else 0.5 * (x[j] + x[j + 1]) + dt * (f[j] - f[j + 1]) / 8.0
        k1 = rate(x[i], d0)
        k2 = rate(x[i] + 0.5 * dt * k1, dh)
        k3 = rate(x[i] + 0.5 * dt * k2, dh)
        k4 = rate(x[i] + dt * k3, d1)
        x[i + 1] = x[i] + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        f[i + 1] = rate(x[i + 1], d1)
    return x[::per][:length]


def reservoir(units, rng, sr=1.25, density=0.1, input_connectivity=0.1):
    w = np.zeros(units * units)
    nnz = int(round(density * units * units))
    w[rng.choice(units * units, nnz, replace=False)] = rng.standard_normal(nnz)
    w = w.reshape(units, units)
    w *= sr / np.max(np.abs(np.linalg.eigvals(w)))
    win = np.zeros(units)
    k = int(round(input_connectivity * units))
    win[rng.choice(units, k, replace=False)] = rng.choice([-1.0, 1.0], k)
    return w, win


def states(w, win, u, leak=0.3):
    units = win.shape[0]
    x = np.zeros(units)
    out = np.empty((len(u), units))
    for t in range(len(u)):
        x = (1.0 - leak) * x + leak * np.tanh(w @ x + win * u[t])
        out[t] = x
    return out


def moments(x, y):
    xa = np.hstack([np.ones((x.shape[0], 1)), x])
    return xa.T @ xa, xa.T @ y


def solve(g, c, lam):
    a = g + lam * np.diag(np.r_[0.0, np.ones(g.shape[0] - 1)])
    if scipy is not None:
        return scipy.linalg.solve(a, c, assume_a="pos")
    return np.linalg.solve(a, c)


def select(x, y):
    gt, ct = moments(x[WASHOUT:TRAIN_END], y[WASHOUT:TRAIN_END])
    xv, yv = x[TRAIN_END:], y[TRAIN_END:]
    errors = []
    for lam in LAMBDAS:
        beta = solve(gt, ct, lam)
        pred = beta[0] + xv @ beta[1:]
        errors.append(np.mean((pred - yv) ** 2))
    best = int(np.argmin(errors))
    gv, cv = moments(xv, yv)
    return solve(gt + gv, ct + cv, LAMBDAS[best]), LAMBDAS[best]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--units", type=int, default=400)
    args = p.parse_args()
    series = mackey_glass(STEPS + 1)
    u, y = series[:STEPS], series[1:STEPS + 1]
    w, win = reservoir(args.units, np.random.default_rng(42))
    variants = {"dense": w}
    if scipy is not None:
        variants["sparse"] = scipy.sparse.csr_matrix(w)
    print(f"numpy {np.__version__}, BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}, units {args.units}, "
          f"steps {STEPS}, {len(LAMBDAS)} lambdas, {args.repeats} repeats")
    for name, mat in variants.items():
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            x = states(mat, win, u)
            beta, lam = select(x, y)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        x = states(mat, win, u)
        t1 = time.perf_counter()
        select(x, y)
        t2 = time.perf_counter()
        rmse = np.sqrt(np.mean((beta[0] + x[TRAIN_END:] @ beta[1:] - y[TRAIN_END:]) ** 2))
        print(f"{name:6s} states+fit: median {np.median(times) * 1e3:7.1f} ms, best {np.min(times) * 1e3:7.1f} ms"
              f"  (states {1e3 * (t1 - t0):.1f} ms, fit {1e3 * (t2 - t1):.1f} ms; lambda {lam:g},"
              f" validation RMSE {rmse:.2e})")


if __name__ == "__main__":
    main()
