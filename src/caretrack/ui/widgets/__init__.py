"""Small reusable widgets; each knows how to look and what it holds, never the services."""
