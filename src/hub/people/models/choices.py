"""Fixed lists the person record draws on. Local lists (exploitation types, pathways) are
definitions instead; these follow national standards or the law."""

from django.db import models


class Ethnicity(models.TextChoices):
    """ONS 2021 Census ethnic groups (England and Wales), 19 categories."""

    ASIAN_BANGLADESHI = "A_BANGLADESHI", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "A_CHINESE", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "A_INDIAN", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "A_PAKISTANI", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "A_OTHER", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "B_AFRICAN", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "B_CARIBBEAN", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "B_OTHER", "Black, Black British, Caribbean or African: any other background"
    MIXED_WHITE_ASIAN = "M_WHITE_ASIAN", "Mixed or multiple: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "M_WHITE_BLACK_AFRICAN",
        "Mixed or multiple: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "M_WHITE_BLACK_CARIBBEAN",
        "Mixed or multiple: White and Black Caribbean",
    )
    MIXED_OTHER = "M_OTHER", "Mixed or multiple: any other background"
    WHITE_BRITISH = "W_BRITISH", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "W_IRISH", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "W_GYPSY_TRAVELLER", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "W_ROMA", "White: Roma"
    WHITE_OTHER = "W_OTHER", "White: any other White background"
    OTHER_ARAB = "O_ARAB", "Other ethnic group: Arab"
    OTHER_ANY = "O_OTHER", "Other ethnic group: any other ethnic group"
    NOT_KNOWN = "NOT_KNOWN", "Not known"
    NOT_STATED = "NOT_STATED", "Prefers not to say"


class Gender(models.TextChoices):
    """Gender as the person describes it."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Described another way"
    NOT_KNOWN = "not_known", "Not known"


class Vulnerability(models.TextChoices):
    """Circumstances that make exploitation more likely; recorded, never scored here."""

    CARE_EXPERIENCED = "care_experienced", "Looked after or care experienced"
    SEND = "send", "Special educational needs"
    DISABILITY = "disability", "Disability"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    MENTAL_HEALTH = "mental_health", "Mental health needs"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    EXCLUDED = "excluded", "Excluded from school"
    NEET = "neet", "Not in education, employment or training"
    MISSING_HISTORY = "missing_history", "History of going missing"
    INSECURE_IMMIGRATION = "insecure_immigration", "Insecure immigration status"
    HOMELESS = "homeless", "Homeless or insecurely housed"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse at home"


class ImmigrationStatus(models.TextChoices):
    """Immigration status as far as it is known: it bears on NRM and support."""

    BRITISH = "british", "British or Irish citizen"
    SETTLED = "settled", "Settled or pre-settled status, or indefinite leave"
    LIMITED_LEAVE = "limited_leave", "Limited leave to remain"
    ASYLUM_SEEKER = "asylum_seeker", "Asylum seeker"
    REFUGEE = "refugee", "Refugee or humanitarian protection"
    UNACCOMPANIED_CHILD = "uasc", "Unaccompanied asylum-seeking child"
    NO_STATUS = "no_status", "No leave to remain"
    NOT_KNOWN = "not_known", "Not known"


class SenStatus(models.TextChoices):
    """Special educational needs, as schools record them."""

    NONE = "none", "No special educational needs"
    SEN_SUPPORT = "sen_support", "SEN support"
    EHCP = "ehcp", "Education, health and care plan"
    NOT_KNOWN = "not_known", "Not known"


class CareStatus(models.TextChoices):
    """Children's social care status (Children Act 1989) or care experience."""

    NONE = "none", "None"
    CHILD_IN_NEED = "child_in_need", "Child in need (section 17)"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    NOT_KNOWN = "not_known", "Not known"


class EducationStatus(models.TextChoices):
    """Where the person is in education, employment or training."""

    ON_ROLL = "on_roll", "On roll at a school or college"
    PART_TIME_TIMETABLE = "part_time", "On a part-time timetable"
    ALTERNATIVE_PROVISION = "alternative_provision", "In alternative provision"
    EXCLUDED = "excluded", "Excluded"
    ELECTIVE_HOME_EDUCATION = "elective_home_education", "Elective home education"
    CHILD_MISSING_EDUCATION = "missing_education", "Child missing education"
    NEET = "neet", "Not in education, employment or training"
    EMPLOYED = "employed", "In employment or training"
    NOT_APPLICABLE = "not_applicable", "Not applicable (adult)"
    NOT_KNOWN = "not_known", "Not known"


class AliasKind(models.TextChoices):
    """Other names a person is known by."""

    ALIAS = "alias", "Alias"
    NICKNAME = "nickname", "Nickname"
    STREET_NAME = "street_name", "Street name"
    PREVIOUS_NAME = "previous_name", "Previous name"
    OTHER_SPELLING = "other_spelling", "Other spelling"


class IdentifierKind(models.TextChoices):
    """Identifiers agencies hold for a person."""

    NHS_NUMBER = "nhs_number", "NHS number"
    POLICE = "police", "Police identifier"
    LOCAL_AUTHORITY = "local_authority", "Local authority identifier"
    EDUCATION_UPN = "education_upn", "Unique pupil number"
    OTHER = "other", "Other identifier"
