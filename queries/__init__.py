"""kennisgraaf.queries"""
