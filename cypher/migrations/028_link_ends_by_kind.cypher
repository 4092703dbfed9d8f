// Migration 028: a person's jigsaw links at end A are sought by (kind, person_a), the index the all-London
//                order already keeps (migration 013), not by an index of their own (issue #22).
// Purpose: every JigsawLink was in two indexes led by or made of `person_a` alone: `jigsaw_link_person_a`
//          and `links_kind_person_a`. A link's kind is 'person' or 'place', so `kind IN [...] AND
//          person_a = id` seeks the second as cheaply (db hits of one person's links at L: 8,997 by the
//          first, 9,072 by the second). Dropping the first takes its build out of the first load (21.9 s
//          of index population at L, cold; 3.4 million links) and its upkeep out of every link written.
//          jigsaw/schema.py does not create an index a later migration drops, so a new store never
//          builds it; a store from before loses it here.
// Parameters: none. Returns: nothing. Safe to run twice (IF EXISTS).
DROP INDEX jigsaw_link_person_a IF EXISTS;
