-- The counter tables are updated in place by every batch (rollups.ts) and nothing vacuums them when autovacuum
-- is off: with pages half empty, PostgreSQL writes each new row version on the same page without a new index
-- entry (a HOT update) and reclaims the old one there. Measured with a batch's 3,161 breakdown rows added ten
-- times: 65–72 ms per statement and 80 of 22,127 updates HOT at the default fill factor (100), 42 ms and all HOT
-- at 50, the table 4× smaller (docs/scaling.md). Pages written before this keep their fill until rewritten;
-- the rows a batch touches (recent days) move to new pages on their first update.
ALTER TABLE "rollups" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "hour_rollups" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "breakdown_rollups" SET (fillfactor = 50);--> statement-breakpoint
ALTER TABLE "unit_activity" SET (fillfactor = 50);
