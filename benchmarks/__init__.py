"""Benchmarks of kennisgraaf: synthetic data generation and load measurements (not shipped)."""
