"""Shared RDF helpers: CURIEs, the rdflib/pyoxigraph term bridge, canonical hashes, atomic writes.

Import the submodules (`werkagenda.rdf.curies`, `.terms`, `.canonical`, `.atomic`); this
package imports nothing itself, so a module needing one helper does not load rdflib.
"""
