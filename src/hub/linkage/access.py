"""How each scope narrows the linkage records an actor may see: by the area whose hub holds
them. A pair in the review queue is in reach when either of its records is."""

from django.db.models import Q

from hub.platform.access import Scope, register_scope_rules

from .models import ReviewPair, SourceRecord

register_scope_rules(
    SourceRecord,
    object_type="source_record",
    rules={Scope.AREA: lambda g: Q(area_id=g.area_id)},
    area_of=lambda record: record.area_id,
)

register_scope_rules(
    ReviewPair,
    object_type="review_pair",
    rules={Scope.AREA: lambda g: Q(area_id=g.area_id) | Q(right__area_id=g.area_id)},
    area_of=lambda pair: pair.area_id,
)
