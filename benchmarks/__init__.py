"""Benchmarks: generated data with known truth, and peers measured in the same run."""
