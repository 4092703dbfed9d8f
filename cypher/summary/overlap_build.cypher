// Name: summary/overlap_build
// Purpose: the gang overlap summary, for every person the live gang_overlap query could list
//          for any reader (a peer role in a MASH or HSB record) and who is an active nominal or
//          within two steps of one:
//          * GangOverlapFact per (person, source, borough) of those records, with the roles
//            recorded there in order; it has a source and an IN_BOROUGH relationship, as a record
//            has, so need to know's IN_SCOPE filters it as it filters the records themselves.
//            It also carries the person's answer for a reader of every source and borough;
//          * GangReach per way to an active nominal (its person id): one step (`via`: the keys
//            of every record naming both), or two (`via`: every record naming the person and a
//            middle person; `next`: every record naming the middle person and the nominal).
//            Keys in lists rather than relationships: a rebuild writes and deletes a fifth as much.
//            Each step's records' sources too, in order (`via_sources`, `next_sources`): a reader of
//            every borough may follow a step when they may read one of its sources, so their read
//            (read_gang_overlap_every_borough) looks no record up.
//          The read (cypher/summary/read_gang_overlap.cypher) keeps a way only when a record of
//          each step, and an active matrix entry of the nominal, are ones the reader may read:
//          the live query's rule, with the search already done.
//          Each fact also keeps `depends`: the keys of every record the person's part rests on
//          (their own MASH/HSB records and active entries, each way's records and its nominal's
//          active entries), so upkeep finds whose part a changed record may have made wrong.
//          With $people null for everyone, else for those people only (upkeep:
//          graph_loader/summaries.py deletes their parts first). The full build is done in
//          Python (graph_loader/overlap_build.py, the same parts): this text walked and wrote
//          every way, then read them back, 110 s at 100,000 rows.
//          Who is an active nominal is read once beforehand (summary/overlap_nominals) and
//          passed as $nominals: asking it of every person at the end of every way was most of
//          the build's time (PROFILE at M: 9 million of its 10 million database hits).
// Parameters: $peer_roles (vocabulary), $people (list of person ids, or null for everyone),
//             $nominals (list of the person ids of every active nominal).
// Returns: nothing (runs in transactions of 500 people).
CALL () {
  WITH 1 AS everyone WHERE $people IS NULL
  MATCH (p:Person)
  RETURN p
  UNION
  WITH 1 AS some WHERE $people IS NOT NULL
  UNWIND $people AS id
  MATCH (p:Person {person_id: id})
  RETURN p
}
WITH p
WHERE EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r) WHERE r.source IN ['mash', 'hsb'] AND said.role IN $peer_roles }
CALL (p) {
  CALL (p) {
    MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x1)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
    WHERE n <> p AND n.person_id IN $nominals
    WITH n, collect(DISTINCT x1.record_key) AS via, collect(DISTINCT x1.source) AS sources
    CREATE (p)-[:SUMMARISED_IN]->(g:GangReach {steps: 1, nominal: n.person_id, via: via,
                                               via_sources: COLLECT { UNWIND sources AS s RETURN s ORDER BY s }})
    RETURN count(g) AS one
  }
  CALL (p) {
    MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x2)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(m:Person)
    WHERE m <> p
    WITH m, collect(DISTINCT x2.record_key) AS first, collect(DISTINCT x2.source) AS first_sources
    MATCH (m)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(y2)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
    WHERE n <> m AND n <> p
      AND n.person_id IN $nominals
    WITH m, first, first_sources, n, collect(DISTINCT y2.record_key) AS next, collect(DISTINCT y2.source) AS next_sources
    CREATE (p)-[:SUMMARISED_IN]->(g:GangReach {steps: 2, nominal: n.person_id, via: first, next: next,
                                               via_sources: COLLECT { UNWIND first_sources AS s RETURN s ORDER BY s },
                                               next_sources: COLLECT { UNWIND next_sources AS s RETURN s ORDER BY s }})
    RETURN count(g) AS two
  }
  WITH p, one + two AS ways
  WHERE ways > 0 OR p.person_id IN $nominals
  // The answer of a reader of every source and borough, worked out as the live query does,
  // kept on each fact (read_gang_overlap_unrestricted reads nothing else).
  CALL (p) {
    OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
    WITH collect(DISTINCT g.name) AS gangs, max(coalesce(e.harmed_or_exploited, false)) AS harmed
    RETURN COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nominal_of, harmed
  }
  OPTIONAL CALL (p) {
    MATCH (p)-[:SUMMARISED_IN]->(way:GangReach)
    WITH way.nominal AS nominal, min(way.steps) AS steps ORDER BY steps, nominal LIMIT 1
    MATCH (n:Person {person_id: nominal})
    OPTIONAL MATCH (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
    WITH n, steps, collect(DISTINCT g.name) AS gangs
    RETURN n.person_id AS nearest, COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nearest_gangs, steps
  }
  WITH p, nominal_of, harmed, nearest, nearest_gangs, CASE WHEN size(nominal_of) > 0 THEN 0 ELSE steps END AS steps
  // What the person's part rests on (see Purpose): a change to any of these records, or a
  // record of theirs that no longer names them, sends upkeep back to this person.
  CALL (p) {
    OPTIONAL MATCH (p)-[:SUMMARISED_IN]->(way:GangReach)
    WITH collect(way) AS ways
    WITH [w IN ways | w.nominal] AS nominals, reduce(keys = [], w IN ways | keys + w.via + coalesce(w.next, [])) AS way_keys
    WITH way_keys
       + COLLECT { MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(own) RETURN own.record_key AS k }
       + COLLECT { UNWIND nominals AS id
                   MATCH (:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})
                   RETURN e.record_key AS k } AS keys
    RETURN COLLECT { UNWIND keys AS k RETURN DISTINCT k } AS depends
  }
  WITH p, nominal_of, harmed, nearest, nearest_gangs, steps, depends
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r)
  WHERE r.source IN ['mash', 'hsb'] AND said.role IN $peer_roles
  OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
  WITH p, nominal_of, harmed, nearest, nearest_gangs, steps, depends, r.source AS source, b, collect(DISTINCT said.role) AS roles
  // Facts in order (borough, then source; no borough last), so the same fact leads however the
  // graph was read, and as graph_loader/overlap_build.py's full build orders them.
  WITH p, nominal_of, harmed, nearest, nearest_gangs, steps, depends, source, b, roles ORDER BY b.name, source
  // For a reader of every source and borough, one fact per person answers (`lead`, with every
  // role in `all_roles`), and one per person and borough (`borough_lead`, `borough_roles`): their
  // read sorts those and reads nothing else.
  WITH p, nominal_of, harmed, nearest, nearest_gangs, steps, depends,
       collect({source: source, b: b, borough: b.name, roles: roles}) AS held
  UNWIND range(0, size(held) - 1) AS i
  WITH p, nominal_of, harmed, nearest, nearest_gangs, steps, depends, held, i, held[i] AS h,
       [j IN range(0, size(held) - 1) WHERE held[j].borough = held[i].borough] AS same_borough
  CREATE (p)-[:SUMMARISED_IN]->(f:GangOverlapFact {
    source: h.source, depends: depends, roles: COLLECT { UNWIND h.roles AS x RETURN x ORDER BY x }, person_id: p.person_id,
    steps: steps, nominal_of: nominal_of, harmed_nominal: harmed,
    nearest_nominal: CASE WHEN steps = 0 THEN null ELSE nearest END,
    nearest_gangs: CASE WHEN steps = 0 THEN nominal_of ELSE nearest_gangs END,
    lead: i = 0, all_roles: COLLECT { UNWIND held AS x UNWIND x.roles AS role RETURN DISTINCT role ORDER BY role },
    borough_lead: h.borough IS NOT NULL AND i = same_borough[0], borough: h.borough,
    borough_roles: COLLECT { UNWIND same_borough AS j UNWIND held[j].roles AS role RETURN DISTINCT role ORDER BY role }})
  FOREACH (place IN CASE WHEN h.b IS NULL THEN [] ELSE [h.b] END | CREATE (f)-[:IN_BOROUGH]->(place))
} IN TRANSACTIONS OF 500 ROWS
