"""Metadata documents of the dataset: DCAT-AP-NL catalogue, VoID, SPARQL service description.

Built from the live store statistics (`stats`); used by the server and the static site alike.
"""
