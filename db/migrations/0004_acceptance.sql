CREATE TABLE "installed_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"serial_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acceptance_plans" ADD COLUMN "start_time" text DEFAULT '09:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "acceptance_plans" ADD COLUMN "place" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "acceptance_plans" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "completion_checks" ADD COLUMN "completed_on" date;--> statement-breakpoint
ALTER TABLE "completion_checks" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "inspected_on" date;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "trial_run_passed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "trial_run_hours" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "trial_run_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "system_design_m3h" integer;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "system_measured_m3h" integer;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "outlets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "foreman_signature_file_id" uuid;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "signed_content_sha256" text;--> statement-breakpoint
ALTER TABLE "installed_units" ADD CONSTRAINT "installed_units_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installed_units" ADD CONSTRAINT "installed_units_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "installed_units_project_idx" ON "installed_units" USING btree ("project_id","created_at");--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_foreman_signature_file_id_files_id_fk" FOREIGN KEY ("foreman_signature_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;