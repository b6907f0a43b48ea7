#include "caseload/status.h"

const char *cl_status_text(enum cl_status status)
{
	switch (status) {
#define CL_STATUS_CASE(id, text)                                                                   \
	case id:                                                                                   \
		return text;
		CL_STATUS_LIST(CL_STATUS_CASE)
#undef CL_STATUS_CASE
	}
	return "unknown error";
}
