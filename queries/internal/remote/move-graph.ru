# Replace the target graph by the staging graph with one SPARQL 1.1 MOVE: drop the target,
# copy the staging graph onto it, drop the staging graph. The two IRIs below are placeholders:
# werkagenda.remote.push replaces each by a graph IRI serialised by pyoxigraph (a validated
# NamedNode, as in the VALUES blocks of the other queries; MOVE has no WHERE group to hold one).
# Not DELETE/INSERT with the graphs bound by VALUES: Virtuoso 7.2 mis-compiles an INSERT whose
# template graph is a VALUES-bound variable (HTTP 500 "SR002 string_output_string", after it has
# inserted). Atomicity: see the docstring of werkagenda.remote.push.
MOVE GRAPH <urn:werkagenda:param:staging> TO GRAPH <urn:werkagenda:param:target>
