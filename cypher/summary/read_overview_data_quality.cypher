// name: read_overview_data_quality
// question: overview_data_quality, answered from the summary graph/summaries.py keeps (QualityMeasure nodes).
// returns: measure, value (as overview_data_quality)
// limit: 20
MATCH (q:QualityMeasure)
RETURN q.measure AS measure, q.value AS value
ORDER BY q.position
