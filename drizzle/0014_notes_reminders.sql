CREATE TABLE "notes" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"unit" text NOT NULL,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_by" text,
	"edited_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_dossiers" (
	"reminder" text NOT NULL,
	"dossier" text NOT NULL,
	"unit" text NOT NULL,
	"reminded_at" timestamp with time zone NOT NULL,
	"days_late" real,
	CONSTRAINT "reminder_dossiers_reminder_dossier_pk" PRIMARY KEY("reminder","dossier")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL,
	"channel" text NOT NULL,
	"reference" text,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notes_target_idx" ON "notes" USING btree ("kind","target");--> statement-breakpoint
CREATE INDEX "notes_unit_idx" ON "notes" USING btree ("unit","created_at");--> statement-breakpoint
CREATE INDEX "reminder_dossiers_dossier_idx" ON "reminder_dossiers" USING btree ("dossier","reminded_at");--> statement-breakpoint
CREATE INDEX "reminder_dossiers_unit_idx" ON "reminder_dossiers" USING btree ("unit","reminded_at");