package org.rnnlab.cli;

import java.util.concurrent.Callable;
import org.rnnlab.spec.SchemaGenerator;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the JSON Schema of spec files (experiments/schema.json is generated with it).")
final class SchemaCmd implements Callable<Integer> {
  @Override
  public Integer call() {
    Main.OUT.print(SchemaGenerator.generate());
    return 0;
  }
}
