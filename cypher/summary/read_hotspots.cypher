// name: read_hotspots
// question: hotspots for all London over the default period (the year up to the latest record), answered from the summary graph_loader/summaries.py keeps (HotspotFact).
// param: date_from: date = null  Start of the period (the summary holds the default only: jigsaw/summary_answers.COVERS).
// param: date_to: date = null  End of the period (likewise).
// param: borough: string = null  Only places in this borough (the summary holds all London only).
// param: held: bool = false  With borough only; all London's answer does not depend on it.
// returns: place, place_type, postcode, latitude, longitude, borough, place_key, children_at_risk, suspects, records, previous_children, previous_suspects, previous_records, change_in_records (as hotspots)
// limit: 200
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The Places page opens on all London, and live that reads every place named in London (two seconds
// at pan-London size). The summary keeps the live query's own rows for a reader of every borough and
// each set of sources, in its order (`rank`), one more than it shows so that the catalogue can say it
// was cut. A row counts the records of its set, so it is kept with the sources it counted (`sources`)
// and given only to a reader of exactly those; it belongs to no borough (no `borough` property: the
// place's is kept as `place_borough`), so WORK_IN_SCOPE, the marker a borough's casework is read
// with, passes it only for a reader of every borough. COVERS sends every other reader, and any other
// selection, to the live query.
WITH CASE WHEN SOURCE_IN_SCOPE(hsb) THEN ['hsb'] ELSE [] END + CASE WHEN SOURCE_IN_SCOPE(mash) THEN ['mash'] ELSE [] END
     + CASE WHEN SOURCE_IN_SCOPE(matrix) THEN ['matrix'] ELSE [] END AS readable
MATCH (h:HotspotFact)
WHERE h.sources = readable AND WORK_IN_SCOPE(h)
RETURN h.place AS place, h.place_type AS place_type, h.postcode AS postcode, h.latitude AS latitude,
       h.longitude AS longitude, h.place_borough AS borough, h.place_key AS place_key, h.children_at_risk AS children_at_risk,
       h.suspects AS suspects, h.records AS records, h.previous_children AS previous_children,
       h.previous_suspects AS previous_suspects, h.previous_records AS previous_records,
       h.change_in_records AS change_in_records
ORDER BY h.rank
