"""kennisgraaf.api"""
