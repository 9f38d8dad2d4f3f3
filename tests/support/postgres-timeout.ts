// A round trip per statement on PostgreSQL: the integration tests that write hundreds of rows take longer
// than on SQLite (jest's testTimeout is a global setting, not a project's).
jest.setTimeout(20_000);
