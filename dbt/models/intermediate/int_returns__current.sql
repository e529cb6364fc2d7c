-- The current return of each Directorate for each reporting period: the latest accepted file
-- received (ties broken by the higher file id). A resubmission supersedes the earlier versions.
-- raw.return_files also keeps the returns held for a closed period (registry outcome pending)
-- and those the steward declined: only accepted files count here (macro accepted_return_files,
-- the one definition).

with

return_files as (

    {{ accepted_return_files() }}

),

ranked as (

    select

        ---------- ids
        file_id,
        file_sha256,
        directorate_code,
        period_code,

        ---------- text
        original_name,
        layout_version,
        prepared_by,

        ---------- timestamps (UTC)
        received_at,
        loaded_at,

        ---------- submission history
        row_number() over (
            partition by directorate_code, period_code
            order by received_at desc, file_id desc
        ) as submission_rank,
        count(*) over (
            partition by directorate_code, period_code
        ) as submission_count,
        min(received_at) over (
            partition by directorate_code, period_code
        ) as first_received_at

    from return_files

),

current_returns as (

    select

        file_id,
        file_sha256,
        directorate_code,
        period_code,
        original_name,
        layout_version,
        prepared_by,
        received_at,
        loaded_at,
        submission_count,
        first_received_at,
        submission_count > 1 as is_resubmitted

    from ranked
    where submission_rank = 1

)

select * from current_returns
