"""Demonstration data for a new user: a made-up county filled in every screen."""
