with

source as (

    select * from {{ source('raw', 'period_events') }}

),

renamed as (

    select

        ---------- ids
        period_code,

        ---------- decision
        actor,
        note,

        ---------- timestamps (UTC)
        acted_at,

        ---------- action code, normalised
        lower(trim(action)) as action_code

    from source

)

select * from renamed
