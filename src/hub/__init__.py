"""Exploitation Hub: a multi-agency system for the whole-system response to exploitation."""
