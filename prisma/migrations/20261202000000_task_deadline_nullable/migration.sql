-- A plan task whose time is no calendar date ("Sau khi … được ban hành", "Theo kế hoạch riêng") is
-- stored with deadline NULL: tracked without a due date, with periodic check-ins.
ALTER TABLE "Task" ALTER COLUMN "deadline" DROP NOT NULL;
