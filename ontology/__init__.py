"""kennisgraaf.ontology"""
