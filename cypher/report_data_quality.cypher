// name: report_data_quality
// question: How complete is a borough's data for a period: people without a date of birth, values kept but doubtful, mentions not yet resolved, identity questions awaiting an analyst?
// param: borough: string  The borough holding the records.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: measure, value
// limit: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The period's records of the borough only, one seek of the (borough, record_date) index (migration 011): from
// the borough it read its whole history to keep the period, from record_date all London's period (issue #22).
MATCH (r:Record)
USING INDEX r:Record(borough, record_date)
WHERE r.borough = $borough AND r.record_date >= $date_from AND r.record_date <= $date_to AND IN_SCOPE(r)
MATCH (r)-[:MENTIONS]->(m:Mention)
WITH collect(DISTINCT r) AS records, collect(m) AS mentions
WITH records, mentions,
     size([m IN mentions WHERE m.name IS NOT NULL AND m.dob IS NULL]) AS no_dob,
     size([m IN mentions WHERE NOT EXISTS { (m)-[:REFERS_TO]->(:Person) }]) AS unresolved,
     reduce(n = 0, r IN records | n + size(coalesce(r.doubts, []))
            + reduce(k = 0, np IN [(r)-[x:NAMES_PLACE]->() | x] | k + size(coalesce(np.doubts, []))))
       + reduce(n = 0, m IN mentions | n + size(coalesce(m.doubts, []))) AS doubtful,
     // From the period's mentions to their questions: matching every open question and testing it against
     // the list of mentions cost (open questions x mentions) and grew with all London's queue (issue #22).
     // No label on c (only identity questions send CANDIDATE_MENTION): with it the planner sought every
     // open question through the status index once per mention.
     COUNT { UNWIND mentions AS x MATCH (x)<-[:CANDIDATE_MENTION]-(c)
             WHERE c.status = 'open' RETURN DISTINCT c } AS awaiting
UNWIND [['records in the period', size(records)], ['people named', size(mentions)],
        ['people named without a date of birth', no_dob],
        ['values kept as recorded but doubtful (listed by the doubtful_values query)', doubtful],
        ['people named not yet resolved to a person', unresolved],
        ['identity questions awaiting an analyst', awaiting]] AS row
RETURN row[0] AS measure, row[1] AS value
