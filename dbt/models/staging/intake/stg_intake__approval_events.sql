with

source as (

    select * from {{ source('raw', 'approval_events') }}

),

renamed as (

    select

        ---------- ids
        file_id,

        ---------- step
        actor,
        note,

        ---------- timestamps (UTC)
        acted_at,

        ---------- action code, normalised
        lower(trim(action)) as action_code

    from source

)

select * from renamed
