"""Casework (劳务协作工作台): case management for labour-cooperation cadres."""

__version__ = "0.1.0"
APP_NAME = "劳务协作工作台"
