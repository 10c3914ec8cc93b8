CREATE TABLE "accept_hours" (
	"hour" timestamp with time zone PRIMARY KEY NOT NULL,
	"first_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_activity" (
	"unit" text PRIMARY KEY NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_accepted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- From the log as it is (what the ingest transaction keeps from now on; rebuild recomputes the same).
INSERT INTO "unit_activity" (unit, last_at, last_accepted_at) SELECT unit, max(at), max(accepted_at) FROM "events" GROUP BY unit;--> statement-breakpoint
INSERT INTO "accept_hours" (hour, first_seq) SELECT date_trunc('hour', accepted_at), min(seq) FROM "events" GROUP BY 1;
