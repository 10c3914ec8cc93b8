CREATE TABLE "snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL,
	"from_day" text NOT NULL,
	"to_day" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"sha256" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "snapshots_unit_idx" ON "snapshots" USING btree ("unit","created_at");