-- requires: pg16
-- Soft input errors: pg_input_is_valid() and pg_input_error_info() see the
-- certblock input errors without raising them.
SELECT s, pg_input_is_valid(s, 'greenattr.certblock') AS valid
FROM (VALUES ('VCS::1-2'), ('VCS::2-1'), ('vcs::1'), ('VCS::-1'), ('VCS::9223372036854775808')) v(s);
SELECT * FROM pg_input_error_info('VCS::2-1', 'greenattr.certblock');
SELECT * FROM pg_input_error_info('VCS::9223372036854775808', 'greenattr.certblock');
