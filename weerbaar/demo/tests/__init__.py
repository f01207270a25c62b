"""Tests for the Bernheze demo dataset and the demo commands."""
