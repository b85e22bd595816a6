# Replace the target graph by the staging graph, then empty the staging graph.
# One update request, so the store applies it as one transaction where it supports that
# (Oxigraph does): the target is never left empty by a failed upload, which only ever
# touches the staging graph. ?staging and ?target are bound by werkagenda.remote.push
# with an inline VALUES block (terms serialised, never pasted).
DELETE { GRAPH ?target { ?s ?p ?o } } WHERE { GRAPH ?target { ?s ?p ?o } } ;
INSERT { GRAPH ?target { ?s ?p ?o } } WHERE { GRAPH ?staging { ?s ?p ?o } } ;
DELETE { GRAPH ?staging { ?s ?p ?o } } WHERE { GRAPH ?staging { ?s ?p ?o } }
