ALTER TABLE "units" ADD COLUMN "dvcqg_code" text;--> statement-breakpoint
CREATE INDEX "dossiers_late_resolved_idx" ON "dossiers" USING btree ("resolved_at") WHERE outcome = 'overdue';--> statement-breakpoint
CREATE UNIQUE INDEX "units_dvcqg_code_idx" ON "units" USING btree ("dvcqg_code") WHERE dvcqg_code is not null;