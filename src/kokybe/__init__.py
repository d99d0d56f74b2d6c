"""Kokybė: quality management for municipal social services."""
