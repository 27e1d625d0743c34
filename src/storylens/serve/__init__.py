"""Adapters that show stories to people and programs: exports now, the HTTP API and web reader later."""
