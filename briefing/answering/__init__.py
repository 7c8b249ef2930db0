"""The answer chain: rewrite -> retrieve -> generate (a backend) -> verify -> Answer."""
