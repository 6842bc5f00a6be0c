"""kennisgraaf.graph"""
