"""Hand-run benchmarks (`python -m benchmarks.pages`, `python -m benchmarks.build`); never timed
asserts in the test suite."""
