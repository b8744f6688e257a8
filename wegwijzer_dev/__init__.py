"""Developer tools for the Wegwijzer project, kept out of the runtime package: benchmark, link check, copy guard."""
