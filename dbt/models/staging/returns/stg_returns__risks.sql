with

source as (

    select * from {{ source('raw', 'return_risks') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        risk_code,
        objective_code,

        ---------- lineage
        sheet_name,
        source_row,

        ---------- text
        title,
        mitigation,

        ---------- scores (1-5)
        likelihood,
        impact,
        residual_likelihood,
        residual_impact,

        ---------- timestamps (UTC)
        loaded_at,

        ---------- derived
        lower(trim(trend)) as trend,
        likelihood * impact as inherent_score,
        residual_likelihood * residual_impact as residual_score

    from source

)

select * from renamed
