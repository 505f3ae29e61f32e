"""The desktop interface: windows, views and their list models, built on PySide6."""
