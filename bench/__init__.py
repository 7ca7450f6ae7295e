"""Benchmarks: `python -m bench` runs them side by side with their baselines and prints a table."""
