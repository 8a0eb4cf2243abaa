-- The schema greenattr is created by CREATE EXTENSION (control file: schema = greenattr).
-- Every object below is created in @extschema@ and every reference is schema-qualified,
-- so that objects a user plants on the search path cannot capture the extension's calls.
COMMENT ON SCHEMA @extschema@ IS 'greenattr: green-attribute registry and accounting engine';
