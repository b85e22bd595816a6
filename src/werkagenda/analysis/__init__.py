"""Analyses over the compiled store built on the named queries (typed Python API)."""
