// Name: admin/wipe_relationships
// Purpose: delete every relationship, in batches, before admin/wipe_data deletes the nodes:
//          a borough or an agency node holds hundreds of thousands of relationships at
//          pan-London size, more than one transaction's memory allows to detach at once
//          (tests and benchmarks only; never called by the product).
// Parameters: none. Returns: nothing. Needs an auto-commit transaction (session.run).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
