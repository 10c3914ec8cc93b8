CREATE SEQUENCE "public"."feed_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"role" text NOT NULL,
	"scope_code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"code" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL,
	"received" boolean NOT NULL,
	"received_at" timestamp with time zone,
	"procedure" text,
	"procedure_name" text,
	"field" text,
	"field_name" text,
	"channel" text,
	"online_level" text,
	"processing_days" real,
	"digitized" boolean NOT NULL,
	"first_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"status" text NOT NULL,
	"finished_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"outcome" text,
	"result_digitized" boolean NOT NULL,
	"returned_at" timestamp with time zone,
	"supplements" integer NOT NULL,
	"apologies" integer NOT NULL,
	"rating" text,
	"rated_at" timestamp with time zone,
	"flags" jsonb NOT NULL,
	"event_count" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"contrib" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY DEFAULT nextval('feed_seq') NOT NULL,
	"source" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"unit" text NOT NULL,
	"dossier" text,
	"feedback" text,
	"payload" jsonb NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedbacks" (
	"code" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL,
	"kind" text,
	"received_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"contrib" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollups" (
	"unit" text NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"direct" integer DEFAULT 0 NOT NULL,
	"online" integer DEFAULT 0 NOT NULL,
	"postal" integer DEFAULT 0 NOT NULL,
	"online_full" integer DEFAULT 0 NOT NULL,
	"digitized_intake" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"digitized_result" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"apologies" integer DEFAULT 0 NOT NULL,
	"supplements" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"very_satisfied" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"feedback_received" integer DEFAULT 0 NOT NULL,
	"feedback_resolved" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollups_unit_day_pk" PRIMARY KEY("unit","day")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"parent_code" text,
	"depth" integer NOT NULL,
	"ancestors" text[] NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"geometry" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"scope_code" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_unit_idx" ON "dossiers" USING btree ("unit");--> statement-breakpoint
CREATE INDEX "dossiers_pending_due_idx" ON "dossiers" USING btree ("first_due_at") WHERE status = 'pending' and received;--> statement-breakpoint
CREATE UNIQUE INDEX "events_source_id_idx" ON "events" USING btree ("source","event_id");--> statement-breakpoint
CREATE INDEX "events_dossier_idx" ON "events" USING btree ("dossier") WHERE dossier is not null;--> statement-breakpoint
CREATE INDEX "events_feedback_idx" ON "events" USING btree ("feedback") WHERE feedback is not null;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "units_ancestors_idx" ON "units" USING gin ("ancestors");