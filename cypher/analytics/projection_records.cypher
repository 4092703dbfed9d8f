// Name: analytics/projection_records
// Purpose: the records that tie people together, for network analytics, filtered by period and
//          borough, each with the people it names. A record ties its subject (the
//          referred child, the nominal, the children in an HSB case) to everyone it names; two
//          people named only as, say, a child's associates are not tied to each other by that
//          record, since roles are stated towards the subject. The pairs are formed by the caller
//          (analytics/projection.py): pairing millions of them here cost most of the projection.
//          Records naming fewer than two people, or no subject, tie nobody and are left out.
//          One row holds every record: streaming a row per record cost twice as long at L.
// Parameters: $date_from (date or null), $date_to (date or null), $borough (string or null),
//             $subject_roles (list of string: the roles that make a mention a record's subject).
// Returns: one row: agencies (each record's source, "" if none), people (per record, a list of
//          person_id, one per mention), subjects (per record, a list of boolean alongside people:
//          is that mention a subject), claims (per record, each mention's claim, "" if none),
//          dates (per record, a one-item list holding its record_date or null: a list so a
//          missing date keeps its place), strengths (per record, each mention's tie_weight: the
//          strength of the subject's tie to that person as the source recorded it, e.g. calls; 1.0
//          if none). Claims, dates and strengths weigh the ties (jigsaw/policies/tie_weights.toml).
MATCH (r:Record)
WHERE ($date_from IS NULL OR r.record_date >= $date_from)
  AND ($date_to IS NULL OR r.record_date <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
MATCH (r)-[m:MENTIONS]->(mn:Mention)-[:REFERS_TO]->(p:Person)
WITH r, p.person_id AS person, coalesce(m.role IN $subject_roles, false) AS subject, coalesce(m.claim, "") AS claim,
     coalesce(toFloat(mn.tie_weight), 1.0) AS strength
WHERE person IS NOT NULL
WITH r, collect(person) AS people, collect(subject) AS subjects, collect(claim) AS claims,
     collect(strength) AS strengths
WHERE size(people) >= 2 AND true IN subjects
RETURN collect(coalesce(r.source, "")) AS agencies, collect(people) AS people, collect(subjects) AS subjects,
       collect(claims) AS claims, collect([r.record_date]) AS dates, collect(strengths) AS strengths
