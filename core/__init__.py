"""kennisgraaf: the knowledge graph of the Dutch education knowledge infrastructure."""
