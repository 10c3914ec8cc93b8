CREATE TABLE "overdue_announcements" (
	"dossier" text PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT nextval('feed_seq') NOT NULL,
	"unit" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"announced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "overdue_announcements_seq_idx" ON "overdue_announcements" USING btree ("seq");