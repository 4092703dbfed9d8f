"""Where places are: London's boroughs (product data), the deployment's postcode lookup, and
how a place gets its map position (recorded, looked up, or approximately)."""
