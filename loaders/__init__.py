"""kennisgraaf.loaders"""
