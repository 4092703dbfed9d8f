"""The locally managed Neo4j Community server: provisioned from Maven Central, run on loopback."""
